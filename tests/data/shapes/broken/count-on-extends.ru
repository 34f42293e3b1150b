# expect: kg:count (a device count) belongs on the assertion of a kg:runsOn fact only
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/assertion/a2> kg:count 8 }
