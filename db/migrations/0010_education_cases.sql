CREATE TABLE `education_case_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text,
	`on_date` text NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `education_cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `education_case_entries_case_idx` ON `education_case_entries` (`case_id`);--> statement-breakpoint
CREATE TABLE `education_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`opened_on` text NOT NULL,
	`opened_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `education_cases_child_uq` ON `education_cases` (`child_id`);--> statement-breakpoint
-- A case about a child not in education is history: nothing about it is changed or deleted.
CREATE TRIGGER education_cases_no_update BEFORE UPDATE ON education_cases
BEGIN
  SELECT RAISE(ABORT, 'Дело о ребёнке, не получающем образование, хранится полностью: изменять его нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER education_cases_no_delete BEFORE DELETE ON education_cases
BEGIN
  SELECT RAISE(ABORT, 'Дело о ребёнке, не получающем образование, хранится полностью: удалять его нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER education_case_entries_no_update BEFORE UPDATE ON education_case_entries
BEGIN
  SELECT RAISE(ABORT, 'Записи дела только дополняются: изменять их нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER education_case_entries_no_delete BEFORE DELETE ON education_case_entries
BEGIN
  SELECT RAISE(ABORT, 'Записи дела только дополняются: удалять их нельзя');
END;
