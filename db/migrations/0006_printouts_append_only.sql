-- The register of printouts is append-only: a number once given stays with its file hash for good.
CREATE TRIGGER printouts_no_update BEFORE UPDATE ON printouts
BEGIN
  SELECT RAISE(ABORT, 'Реестр выданных документов только дополняется: изменять записи нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER printouts_no_delete BEFORE DELETE ON printouts
BEGIN
  SELECT RAISE(ABORT, 'Реестр выданных документов только дополняется: удалять записи нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER printout_copies_no_update BEFORE UPDATE ON printout_copies
BEGIN
  SELECT RAISE(ABORT, 'Реестр выданных документов только дополняется: изменять записи нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER printout_copies_no_delete BEFORE DELETE ON printout_copies
BEGIN
  SELECT RAISE(ABORT, 'Реестр выданных документов только дополняется: удалять записи нельзя');
END;
