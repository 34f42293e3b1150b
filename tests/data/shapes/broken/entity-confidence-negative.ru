# expect: kg:confidence is one number in [0, 1]
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?e kg:confidence ?c } INSERT { ?e kg:confidence "-0.1"^^xsd:decimal } WHERE { BIND(<https://w3id.org/kg/resource/entity/zero-infinity> AS ?e) ?e kg:confidence ?c }
