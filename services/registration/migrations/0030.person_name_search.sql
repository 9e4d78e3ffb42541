-- depends: 0029.area_chain
-- 按姓名查找人员 (POST /persons/search): exact or prefix matches of a name, so a prefix index
-- (text_pattern_ops serves LIKE 'prefix%' whatever the database's collation).
CREATE INDEX persons_name_prefix ON persons (name text_pattern_ops);
