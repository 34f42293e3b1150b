# expect: every entity is an instance of exactly one of kg:Method, kg:System, kg:Hardware, kg:Dataset, kg:Model
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX r: <https://w3id.org/kg/resource/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
DELETE DATA { <https://w3id.org/kg/resource/entity/c4> a kg:Dataset }
