CREATE TABLE `printout_copies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`printout_id` integer NOT NULL,
	`format` text NOT NULL,
	`sha256` text NOT NULL,
	`table_sha` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`printout_id`) REFERENCES `printouts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `printout_copies_sha_idx` ON `printout_copies` (`sha256`);--> statement-breakpoint
CREATE INDEX `printout_copies_printout_idx` ON `printout_copies` (`printout_id`);--> statement-breakpoint
CREATE TABLE `printouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`issued_on` text NOT NULL,
	`form_id` text NOT NULL,
	`form_title` text NOT NULL,
	`org_id` integer,
	`as_of` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`format` text NOT NULL,
	`sha256` text NOT NULL,
	`table_sha` text NOT NULL,
	`child_count` integer NOT NULL,
	`byte_size` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `printouts_year_seq_uq` ON `printouts` (`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `printouts_number_uq` ON `printouts` (`number`);--> statement-breakpoint
CREATE INDEX `printouts_sha_idx` ON `printouts` (`sha256`);--> statement-breakpoint
CREATE INDEX `printouts_form_idx` ON `printouts` (`form_id`,`org_id`);