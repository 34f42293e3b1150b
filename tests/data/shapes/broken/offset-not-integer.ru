# expect: kg:endOffset is one non-negative xsd:integer
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE { ?a kg:endOffset ?o } INSERT { ?a kg:endOffset "107" } WHERE { BIND(<https://w3id.org/kg/resource/assertion/a1> AS ?a) ?a kg:endOffset ?o }
