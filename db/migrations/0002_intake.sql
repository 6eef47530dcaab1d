CREATE TABLE `distinct_pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`other_key` text NOT NULL,
	`decided_by` text NOT NULL,
	`decided_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `distinct_pairs_uq` ON `distinct_pairs` (`child_id`,`other_key`);--> statement-breakpoint
CREATE TABLE `intake_mappings` (
	`org_id` integer NOT NULL,
	`list_kind` text NOT NULL,
	`headers` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intake_mappings_uq` ON `intake_mappings` (`org_id`,`list_kind`);--> statement-breakpoint
CREATE TABLE `submission_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`row_no` integer NOT NULL,
	`file_row_no` integer,
	`cells` text NOT NULL,
	`vals` text NOT NULL,
	`issues` text DEFAULT '[]' NOT NULL,
	`has_errors` integer DEFAULT false NOT NULL,
	`excluded` integer DEFAULT false NOT NULL,
	`decision` text,
	`child_id` integer,
	`same_as_row` integer,
	`score` integer,
	`reasons` text DEFAULT '[]' NOT NULL,
	`candidates` text DEFAULT '[]' NOT NULL,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submission_rows_uq` ON `submission_rows` (`submission_id`,`row_no`);--> statement-breakpoint
CREATE INDEX `submission_rows_decision_idx` ON `submission_rows` (`submission_id`,`decision`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`list_kind` text NOT NULL,
	`as_of` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`origin` text NOT NULL,
	`file_name` text,
	`file_hash` text,
	`headers` text DEFAULT '[]' NOT NULL,
	`mapping` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` text NOT NULL,
	`source_id` integer,
	`effects` text DEFAULT '[]' NOT NULL,
	`applied_at` text,
	`applied_by` text,
	`undone_at` text,
	`undone_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `submissions_hash_idx` ON `submissions` (`file_hash`);