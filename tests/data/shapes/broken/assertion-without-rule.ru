# expect: every assertion has exactly one kg:extractionRule (xsd:string)
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE WHERE { <https://w3id.org/kg/resource/assertion/a2> kg:extractionRule ?r }
