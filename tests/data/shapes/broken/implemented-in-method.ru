# expect: the object of kg:implementedIn is a kg:System
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA { <https://w3id.org/kg/resource/entity/gpt-3> kg:implementedIn <https://w3id.org/kg/resource/entity/zero> }
