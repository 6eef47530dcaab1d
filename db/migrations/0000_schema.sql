CREATE TABLE `addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	`withdrawn_at` text,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`locality` text,
	`street` text,
	`house` text,
	`building` text,
	`flat` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `addresses_child_idx` ON `addresses` (`child_id`);--> statement-breakpoint
CREATE TABLE `attestations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	`withdrawn_at` text,
	`date` text NOT NULL,
	`result` text NOT NULL,
	`org_id` integer,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attestations_child_idx` ON `attestations` (`child_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_login` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text,
	`details` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_object_idx` ON `audit_log` (`object_type`,`object_id`);--> statement-breakpoint
CREATE TABLE `child_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`data` text NOT NULL,
	`changed` text NOT NULL,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `child_versions_child_idx` ON `child_versions` (`child_id`);--> statement-breakpoint
CREATE TABLE `children` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`surname` text NOT NULL,
	`name` text NOT NULL,
	`patronymic` text,
	`birth_date` text NOT NULL,
	`gender` text,
	`snils` text,
	`birth_cert_series` text,
	`birth_cert_number` text,
	`has_secondary_general` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`merged_into` integer,
	`surname_norm` text DEFAULT '' NOT NULL,
	`name_norm` text DEFAULT '' NOT NULL,
	`patronymic_norm` text DEFAULT '' NOT NULL,
	`sort_key` text DEFAULT '' NOT NULL,
	`cur_org_id` integer,
	`cur_class` text,
	`cur_grade` integer,
	`cur_form` text,
	`source_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `children_birth_idx` ON `children` (`birth_date`);--> statement-breakpoint
CREATE INDEX `children_sort_idx` ON `children` (`status`,`sort_key`);--> statement-breakpoint
CREATE INDEX `children_surname_idx` ON `children` (`surname_norm`);--> statement-breakpoint
CREATE INDEX `children_name_idx` ON `children` (`name_norm`);--> statement-breakpoint
CREATE INDEX `children_patronymic_idx` ON `children` (`patronymic_norm`);--> statement-breakpoint
CREATE INDEX `children_org_idx` ON `children` (`cur_org_id`,`cur_class`);--> statement-breakpoint
CREATE INDEX `children_form_idx` ON `children` (`cur_form`);--> statement-breakpoint
CREATE INDEX `children_snils_idx` ON `children` (`snils`);--> statement-breakpoint
CREATE TABLE `conditions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	`withdrawn_at` text,
	`kind` text NOT NULL,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conditions_child_idx` ON `conditions` (`child_id`);--> statement-breakpoint
CREATE TABLE `education_forms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	`withdrawn_at` text,
	`form` text NOT NULL,
	`basis` text,
	`basis_date` text,
	`notified_at` text,
	`attestation_org_id` integer,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attestation_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `education_forms_child_idx` ON `education_forms` (`child_id`);--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	`withdrawn_at` text,
	`kind` text NOT NULL,
	`note` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flags_child_idx` ON `flags` (`child_id`);--> statement-breakpoint
CREATE TABLE `merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kept_id` integer NOT NULL,
	`merged_id` integer NOT NULL,
	`snapshot` text NOT NULL,
	`user_login` text NOT NULL,
	`merged_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`undone_at` text,
	`undone_by` text,
	FOREIGN KEY (`kept_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`profile_key` text,
	`kind` text NOT NULL,
	`full_name` text NOT NULL,
	`short_name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`head_position` text DEFAULT '' NOT NULL,
	`head_name` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `representatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	`withdrawn_at` text,
	`relation` text NOT NULL,
	`surname` text NOT NULL,
	`name` text NOT NULL,
	`patronymic` text,
	`phone` text,
	`address_text` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `representatives_child_idx` ON `representatives` (`child_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`user_login` text NOT NULL,
	`org_id` integer,
	`title` text,
	`as_of` text,
	`submission_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `streets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`locality` text NOT NULL,
	`name` text NOT NULL,
	`name_norm` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `streets_uq` ON `streets` (`locality`,`name`);--> statement-breakpoint
CREATE TABLE `studies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`source_id` integer,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	`withdrawn_at` text,
	`org_id` integer NOT NULL,
	`class_label` text,
	`enrol_order_number` text,
	`enrol_order_date` text,
	`leave_order_number` text,
	`leave_order_date` text,
	`leave_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `studies_child_idx` ON `studies` (`child_id`);--> statement-breakpoint
CREATE INDEX `studies_org_idx` ON `studies` (`org_id`,`valid_to`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`org_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_uq` ON `users` (`login`);