CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`child_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`month` text NOT NULL,
	`lessons_held` integer NOT NULL,
	`missed_total` integer NOT NULL,
	`missed_unexcused` integer NOT NULL,
	`school_mark` text,
	`origin` text NOT NULL,
	`file_name` text,
	`source_id` integer,
	`recorded_by` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`superseded_by` integer,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_child_idx` ON `attendance` (`child_id`,`month`);--> statement-breakpoint
CREATE INDEX `attendance_org_month_idx` ON `attendance` (`org_id`,`month`,`superseded_by`);--> statement-breakpoint
-- Attendance is history: an entry is never deleted or changed; a newer one only marks it superseded, once.
CREATE TRIGGER attendance_no_delete BEFORE DELETE ON attendance
BEGIN
  SELECT RAISE(ABORT, 'Посещаемость хранится с историей: удалять записи нельзя');
END;
--> statement-breakpoint
CREATE TRIGGER attendance_no_update BEFORE UPDATE OF id, child_id, org_id, month, lessons_held, missed_total, missed_unexcused, school_mark, origin, file_name, source_id, recorded_by, recorded_at ON attendance
BEGIN
  SELECT RAISE(ABORT, 'Посещаемость хранится с историей: изменять записи нельзя, вносится новая');
END;
--> statement-breakpoint
CREATE TRIGGER attendance_supersede_once BEFORE UPDATE OF superseded_by ON attendance
WHEN OLD.superseded_by IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'Посещаемость хранится с историей: запись уже заменена');
END;
