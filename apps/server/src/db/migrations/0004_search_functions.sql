-- unaccent() is only STABLE (its dictionary could change), so it cannot appear in an index or a
-- generated column; this wrapper pins the dictionary and is declared IMMUTABLE.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint

-- Customers: name, trade name, e-mail and the digits of every phone, lower case without accents.
CREATE OR REPLACE FUNCTION customers_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := lower(f_unaccent(concat_ws(' ',
    NEW.name,
    NEW.trade_name,
    NEW.email,
    regexp_replace(coalesce(NEW.phone, ''), '\D', '', 'g'),
    (SELECT string_agg(regexp_replace(coalesce(p->>'number', ''), '\D', '', 'g'), ' ')
       FROM jsonb_array_elements(coalesce(NEW.phones, '[]'::jsonb)) AS p)
  )));
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER customers_search_text BEFORE INSERT OR UPDATE OF name, trade_name, email, phone, phones
  ON customers FOR EACH ROW EXECUTE FUNCTION customers_search_text();--> statement-breakpoint

-- Assets: plate in both spellings, VIN, serial, brand, model and appliance type.
CREATE OR REPLACE FUNCTION assets_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := lower(f_unaccent(concat_ws(' ',
    NEW.plate, NEW.plate_canonical, NEW.vin, NEW.serial, NEW.brand, NEW.model, NEW.type
  )));
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER assets_search_text BEFORE INSERT OR UPDATE OF plate, plate_canonical, vin, serial, brand, model, type
  ON assets FOR EACH ROW EXECUTE FUNCTION assets_search_text();--> statement-breakpoint

CREATE INDEX customers_search_trgm_idx ON customers USING gin (search_text gin_trgm_ops)
  WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX assets_search_trgm_idx ON assets USING gin (search_text gin_trgm_ops)
  WHERE deleted_at IS NULL;--> statement-breakpoint
-- a name typed with fewer than 3 characters cannot use trigrams: prefix match on a btree instead
CREATE INDEX customers_search_prefix_idx ON customers (organization_id, search_text text_pattern_ops)
  WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX assets_search_prefix_idx ON assets (organization_id, search_text text_pattern_ops)
  WHERE deleted_at IS NULL;
