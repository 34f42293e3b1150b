# expect: every assertion has exactly one kg:assertionProperty, a kg role or relation
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?a kg:assertionProperty ?p } INSERT { ?a kg:assertionProperty kg:title } WHERE { BIND(<https://w3id.org/kg/resource/assertion/a2> AS ?a) ?a kg:assertionProperty ?p }
