# expect: every assertion has exactly one kg:confidence, a number in [0, 1]
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?a kg:confidence ?c } INSERT { ?a kg:confidence 1.5 } WHERE { BIND(<https://w3id.org/kg/resource/assertion/a1> AS ?a) ?a kg:confidence ?c }
