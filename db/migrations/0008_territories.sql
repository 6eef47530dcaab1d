CREATE TABLE `reconciliation_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`kind` text NOT NULL,
	`child_id` integer,
	`row_no` integer,
	`action` text NOT NULL,
	`note` text,
	`case_id` integer,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reconciliation_actions_sub_idx` ON `reconciliation_actions` (`submission_id`);--> statement-breakpoint
CREATE TABLE `territory_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`locality` text DEFAULT '' NOT NULL,
	`street` text DEFAULT '' NOT NULL,
	`houses` text DEFAULT '' NOT NULL,
	`parity` text DEFAULT 'all' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`removed_at` text,
	`removed_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `territory_rules_org_idx` ON `territory_rules` (`org_id`);--> statement-breakpoint
ALTER TABLE `organizations` ADD `inn` text;--> statement-breakpoint
-- What was done in a reconciliation is history: never deleted or changed.
CREATE TRIGGER reconciliation_actions_no_delete BEFORE DELETE ON reconciliation_actions
BEGIN
  SELECT RAISE(ABORT, 'Действия сверки хранятся с историей: удалять их нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER reconciliation_actions_no_update BEFORE UPDATE ON reconciliation_actions
BEGIN
  SELECT RAISE(ABORT, 'Действия сверки хранятся с историей: изменять их нельзя');
END;
--> statement-breakpoint
-- A territory row is removed by marking it, never deleted.
CREATE TRIGGER territory_rules_no_delete BEFORE DELETE ON territory_rules
BEGIN
  SELECT RAISE(ABORT, 'Строки территории не удаляются: они отмечаются как исключённые');
END;
