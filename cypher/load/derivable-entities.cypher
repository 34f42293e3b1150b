// load/derivable-entities: the named (`specific`) entities of the whole database that
// some paper names (`support` > 0), whose names lineage is read off after a load
// ("ZeRO-Infinity" extends "ZeRO"). Read from the database, not the loaded graph, so a
// name loaded today links to one loaded last week.
//
// No parameters.
//
// Example (Browser):
//   (run as is)
MATCH (e:Entity)
WHERE e.specific AND coalesce(e.support, 0) > 0
RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases, e.type AS type
ORDER BY id;
