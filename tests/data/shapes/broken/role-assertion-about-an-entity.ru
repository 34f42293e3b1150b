# expect: the subject of an asserted role fact is a kg:Paper
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?a kg:assertionSubject ?s } INSERT { ?a kg:assertionSubject <https://w3id.org/kg/resource/entity/zero> } WHERE { BIND(<https://w3id.org/kg/resource/assertion/a1> AS ?a) ?a kg:assertionSubject ?s }
