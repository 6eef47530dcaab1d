import type { CallName, CallOutput, ParsedInput } from '../shared/api/contract';
import type { CallContext } from './services/context';
import { territoryHandlers } from './services/territories/handlers';
import { listAudit, verifyJournal } from './services/journal';
import { addOrg, listOrgs, updateOrg } from './services/organizations';
import { changePassword, lock, recover, unlock } from './services/session';
import { getSettings, updateSettings } from './services/settings';
import { createDemoDatabase } from './services/demo';
import { createDatabase, listProfiles } from './services/setup';
import { addUser, listUsers, rekeyDatabase, resetPassword, updateUser } from './services/users';
import { exportXlsx } from './services/registry/exportXlsx';
import { exportPlain } from './services/registry/exportPlain';
import { exportLinks } from './services/intake/exportLinks';
import { createBackup, restoreFromBackup } from './services/backup';
import { backupFolders, backupStatus, backupToFolder, openRestored, restoreCopy } from './services/backupFolders';
import { leaveDemo } from './services/demoPlace';
import { placeOf } from './app/dataHome';
import { apply as applyList, undo as undoList } from './services/intake/apply';
import { decide, discard, excludeRow, fixRow, grid, list as listSubmissions, listKinds, rows as submissionRows, setMapping, summary, upload } from './services/intake/service';
import { merge, unmerge } from './services/registry/merge';
import { addFact, card, classes, correctFact, create, endFact, findSimilar, search, update } from './services/registry/service';
import { addStreet, listStreets } from './services/registry/streets';
import { grid as attendanceGrid, importApply as attendanceImportApply, importPreview as attendanceImportPreview, overview as truancyOverview, save as attendanceSave, truancy as truancyOfSchool } from './services/attendance/service';
import { addNotInEducationEntry, childNotInEducation, listNotInEducation } from './services/education/service';
import { confirm as confirmContinuation, enrol, expel, noticeSent, overview as movementOverview, pupils as movementPupils, saveFirstGrade, saveLeave15 } from './services/movement/service';
import { printNotice } from './services/movement/notice';
import { addEntry as addRegisterEntry, card as registerCard, overdueLetters, print as printRegisterDocument, pupils as registerPupils } from './services/schoolRegister/service';
import { deskDeadlines } from './services/desk/deadlines';
import { deskForecast, deskStatistics } from './services/desk/stats';
import { listForms, make as makeReport, preview as previewReport, register as printoutRegister, reprint, verify as verifyPrintout } from './services/reports/service';

type Handler<N extends CallName> = (ctx: CallContext, input: ParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;

/** One service function per call of the contract; the type makes a missing one a compile error. */
export const handlers: { [N in CallName]: Handler<N> } = {
  'app.state': (ctx) => ({ ...ctx.ws.state(), today: ctx.today(), ...placeOf(ctx.ws) }),
  'setup.profiles': () => listProfiles(),
  'setup.create': createDatabase,
  'setup.demo': createDemoDatabase,
  'session.unlock': unlock,
  'session.recover': recover,
  'session.lock': lock,
  'session.touch': (ctx) => (ctx.session(), { ok: true }),
  'session.changePassword': changePassword,
  'settings.get': getSettings,
  'settings.update': updateSettings,
  'users.list': listUsers,
  'users.add': addUser,
  'users.update': updateUser,
  'users.resetPassword': resetPassword,
  'users.rekey': rekeyDatabase,
  'orgs.list': listOrgs,
  'orgs.add': addOrg,
  'orgs.update': updateOrg,
  'audit.list': listAudit,
  'audit.verify': verifyJournal,
  'backup.create': createBackup,
  'backup.restore': restoreFromBackup,
  'backup.status': backupStatus,
  'backup.toFolder': backupToFolder,
  'backup.folders': backupFolders,
  'backup.restoreCopy': restoreCopy,
  'backup.openRestored': openRestored,
  'setup.leaveDemo': leaveDemo,
  'children.search': search,
  'children.card': card,
  'children.create': create,
  'children.update': update,
  'children.findSimilar': findSimilar,
  'facts.add': addFact,
  'facts.end': endFact,
  'facts.correct': correctFact,
  'children.merge': merge,
  'children.unmerge': unmerge,
  'children.exportXlsx': exportXlsx,
  'children.exportPlain': exportPlain,
  'registry.classes': classes,
  'streets.list': listStreets,
  'streets.add': addStreet,
  'intake.listKinds': (ctx) => listKinds(ctx).map((k) => ({ id: k.id, title: k.title, orgKinds: [...k.orgKinds], asOf: k.asOf, basis: k.basis })),
  'intake.upload': upload,
  'intake.grid': grid,
  'intake.list': listSubmissions,
  'intake.summary': (ctx, input) => summary(ctx, input.submissionId),
  'intake.setMapping': setMapping,
  'intake.rows': submissionRows,
  'intake.fixRow': fixRow,
  'intake.excludeRow': excludeRow,
  'intake.decide': decide,
  'intake.apply': applyList,
  'intake.undo': undoList,
  'intake.exportLinks': exportLinks,
  'intake.discard': discard,
  'reports.forms': listForms,
  'reports.preview': previewReport,
  'reports.make': makeReport,
  'education.list': listNotInEducation,
  'education.child': childNotInEducation,
  'education.caseAdd': addNotInEducationEntry,
  'reports.register': printoutRegister,
  'reports.verify': verifyPrintout,
  'reports.reprint': reprint,
  ...territoryHandlers,
  'desk.deadlines': deskDeadlines,
  'desk.statistics': deskStatistics,
  'desk.forecast': deskForecast,
  'school.pupils': registerPupils,
  'school.card': registerCard,
  'school.addEntry': addRegisterEntry,
  'school.print': printRegisterDocument,
  'school.overdueLetters': overdueLetters,
  'movement.overview': movementOverview,
  'movement.pupils': movementPupils,
  'movement.enrol': enrol,
  'movement.expel': expel,
  'movement.confirm': confirmContinuation,
  'movement.noticeSent': noticeSent,
  'movement.printNotice': printNotice,
  'movement.leaveSchool': saveLeave15,
  'movement.firstGrade': saveFirstGrade,
  'attendance.grid': attendanceGrid,
  'attendance.save': attendanceSave,
  'attendance.importPreview': attendanceImportPreview,
  'attendance.importApply': attendanceImportApply,
  'attendance.truancy': truancyOfSchool,
  'attendance.overview': truancyOverview,
};
