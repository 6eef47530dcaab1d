CREATE TABLE `movement_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`child_id` integer NOT NULL,
	`org_id` integer,
	`study_id` integer,
	`counterpart_org_id` integer,
	`counterpart_name` text,
	`order_number` text,
	`order_date` text,
	`due_date` text,
	`done_on` text,
	`data` text DEFAULT '{}' NOT NULL,
	`replaces` integer,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`study_id`) REFERENCES `studies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counterpart_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `movement_records_kind_idx` ON `movement_records` (`kind`,`org_id`);--> statement-breakpoint
CREATE INDEX `movement_records_child_idx` ON `movement_records` (`child_id`);--> statement-breakpoint
CREATE INDEX `movement_records_study_idx` ON `movement_records` (`study_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `movement_records_replaces_uq` ON `movement_records` (`replaces`);--> statement-breakpoint
-- A movement record is history: a change is a new row replacing it, nothing is updated or deleted.
CREATE TRIGGER movement_records_no_update BEFORE UPDATE ON movement_records
BEGIN
  SELECT RAISE(ABORT, 'Записи о движении обучающихся только дополняются: изменять их нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER movement_records_no_delete BEFORE DELETE ON movement_records
BEGIN
  SELECT RAISE(ABORT, 'Записи о движении обучающихся только дополняются: удалять их нельзя');
END;
