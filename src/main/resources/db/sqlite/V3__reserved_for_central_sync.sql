-- Placeholder on the rekognition branch only: version 3 is the central sync's, added on another
-- branch at the same time. When merging, keep that V3 script and drop this file and its line in
-- migrations.txt.
SELECT 1;
