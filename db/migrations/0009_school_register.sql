CREATE TABLE `school_register_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`entry_id` integer,
	`doc_kind` text NOT NULL,
	`printout_id` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `school_register_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`printout_id`) REFERENCES `printouts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `school_register_documents_child_idx` ON `school_register_documents` (`child_id`);--> statement-breakpoint
CREATE TABLE `school_register_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`kind` text NOT NULL,
	`on_date` text NOT NULL,
	`actor` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`due_on` text,
	`ref_id` integer,
	`replaces_id` integer,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `school_register_child_idx` ON `school_register_entries` (`child_id`,`on_date`);--> statement-breakpoint
CREATE INDEX `school_register_org_idx` ON `school_register_entries` (`org_id`,`kind`);--> statement-breakpoint
CREATE INDEX `school_register_due_idx` ON `school_register_entries` (`kind`,`due_on`);--> statement-breakpoint
-- The school register is history: an entry or a printed document is never changed or deleted; a correction is a new entry.
CREATE TRIGGER school_register_entries_no_update BEFORE UPDATE ON school_register_entries
BEGIN
  SELECT RAISE(ABORT, 'Внутришкольный учёт хранится с историей: изменять записи нельзя, вносится исправление');
END;
--> statement-breakpoint
CREATE TRIGGER school_register_entries_no_delete BEFORE DELETE ON school_register_entries
BEGIN
  SELECT RAISE(ABORT, 'Внутришкольный учёт хранится с историей: удалять записи нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER school_register_documents_no_update BEFORE UPDATE ON school_register_documents
BEGIN
  SELECT RAISE(ABORT, 'Внутришкольный учёт хранится с историей: изменять записи нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER school_register_documents_no_delete BEFORE DELETE ON school_register_documents
BEGIN
  SELECT RAISE(ABORT, 'Внутришкольный учёт хранится с историей: удалять записи нельзя');
END;
