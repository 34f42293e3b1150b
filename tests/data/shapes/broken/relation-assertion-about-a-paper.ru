# expect: the subject of an asserted relation fact is an entity of one of the five entity classes
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?a kg:assertionSubject ?s } INSERT { ?a kg:assertionSubject <https://w3id.org/kg/resource/paper/slug-only> } WHERE { BIND(<https://w3id.org/kg/resource/assertion/a2> AS ?a) ?a kg:assertionSubject ?s }
