-- Contrib extensions used by search (accent-insensitive matching, trigram typo tolerance).
create extension if not exists unaccent;
create extension if not exists pg_trgm;
