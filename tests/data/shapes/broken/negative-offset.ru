# expect: kg:startOffset is one non-negative xsd:integer, not after kg:endOffset
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?a kg:startOffset ?o } INSERT { ?a kg:startOffset -1 } WHERE { BIND(<https://w3id.org/kg/resource/assertion/a1> AS ?a) ?a kg:startOffset ?o }
