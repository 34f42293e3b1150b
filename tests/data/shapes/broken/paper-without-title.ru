# expect: every paper has exactly one non-empty kg:title (xsd:string)
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE WHERE { <https://w3id.org/kg/resource/paper/slug-only> kg:title ?t }
