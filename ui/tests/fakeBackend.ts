// The test implementation of the back end: every call a `vi.fn()`, installed through the same
// `useBackend` the app's Tauri implementation goes through (no module is mocked). A call a test
// has not given an answer rejects with an AppError that names it, so a forgotten answer shows
// up as an error on screen, not as `undefined` data.
import { afterEach, beforeEach, vi, type Mocked } from "vitest";
import { tauriBackend, useBackend, type AppError, type Backend } from "../src/lib/backend";

/** A fake whose every method is a mock; unanswered calls reject (see `resetFake`). */
export function fakeBackend(): Mocked<Backend> {
  const fake: Mocked<Backend> = {
    appStatus: vi.fn<Backend["appStatus"]>(),
    retryStartup: vi.fn<Backend["retryStartup"]>(),
    listTechnicians: vi.fn<Backend["listTechnicians"]>(),
    chooseTechnician: vi.fn<Backend["chooseTechnician"]>(),
    reportDrawn: vi.fn<Backend["reportDrawn"]>(),
    today: vi.fn<Backend["today"]>(),
    resident: vi.fn<Backend["resident"]>(),
    devicePassport: vi.fn<Backend["devicePassport"]>(),
    search: vi.fn<Backend["search"]>(),
    openJob: vi.fn<Backend["openJob"]>(),
    startJob: vi.fn<Backend["startJob"]>(),
    saveAnswer: vi.fn<Backend["saveAnswer"]>(),
    clearAnswer: vi.fn<Backend["clearAnswer"]>(),
    allOk: vi.fn<Backend["allOk"]>(),
    jobEvent: vi.fn<Backend["jobEvent"]>(),
    completeJob: vi.fn<Backend["completeJob"]>(),
    agreementPreview: vi.fn<Backend["agreementPreview"]>(),
    agreementSigners: vi.fn<Backend["agreementSigners"]>(),
    recordSignature: vi.fn<Backend["recordSignature"]>(),
    completeDelivery: vi.fn<Backend["completeDelivery"]>(),
    signOff: vi.fn<Backend["signOff"]>(),
    deviceDocuments: vi.fn<Backend["deviceDocuments"]>(),
    exportDocument: vi.fn<Backend["exportDocument"]>(),
    addPhoto: vi.fn<Backend["addPhoto"]>(),
    jobPhotos: vi.fn<Backend["jobPhotos"]>(),
    informMissedDeadline: vi.fn<Backend["informMissedDeadline"]>(),
    jobMessages: vi.fn<Backend["jobMessages"]>(),
    residentPlans: vi.fn<Backend["residentPlans"]>(),
    recordWorkPlan: vi.fn<Backend["recordWorkPlan"]>(),
    recordPlanUpdate: vi.fn<Backend["recordPlanUpdate"]>(),
    informAppointmentMoved: vi.fn<Backend["informAppointmentMoved"]>(),
    addDevicePhoto: vi.fn<Backend["addDevicePhoto"]>(),
    photoImage: vi.fn<Backend["photoImage"]>(),
    devicePhotos: vi.fn<Backend["devicePhotos"]>(),
    reportNotHome: vi.fn<Backend["reportNotHome"]>(),
    recordSignal: vi.fn<Backend["recordSignal"]>(),
    recordComplaint: vi.fn<Backend["recordComplaint"]>(),
    loanCandidates: vi.fn<Backend["loanCandidates"]>(),
    correctLogbookEntry: vi.fn<Backend["correctLogbookEntry"]>(),
    reportMalfunction: vi.fn<Backend["reportMalfunction"]>(),
    syncStatus: vi.fn<Backend["syncStatus"]>(),
    syncNow: vi.fn<Backend["syncNow"]>(),
    portalLogin: vi.fn<Backend["portalLogin"]>(),
    portalLogout: vi.fn<Backend["portalLogout"]>(),
    jobSyncState: vi.fn<Backend["jobSyncState"]>(),
  };
  resetFake(fake);
  return fake;
}

/** What an unanswered call rejects with. */
export function unanswered(name: string): AppError {
  return {
    code: "internal",
    message: { nl: `test: geen antwoord voor ${name}`, en: `test: no answer for ${name}` },
  };
}

/**
 * Forgets every answer and call. Afterwards the calls that only report (reportDrawn) or
 * restart (retryStartup) succeed, and there are no loan candidates; every other call rejects
 * until the test says what it answers.
 */
export function resetFake(fake: Mocked<Backend>): void {
  for (const [name, fn] of Object.entries(fake) as [string, Mocked<Backend>[keyof Backend]][]) {
    fn.mockReset();
    (fn as ReturnType<typeof vi.fn>).mockImplementation(() => Promise.reject(unanswered(name)));
  }
  fake.reportDrawn.mockResolvedValue(null);
  fake.retryStartup.mockResolvedValue(true);
  fake.loanCandidates.mockResolvedValue([]);
  fake.deviceDocuments.mockResolvedValue([]);
  fake.jobPhotos.mockResolvedValue([]);
  fake.jobMessages.mockResolvedValue([]);
  fake.residentPlans.mockResolvedValue([]);
  fake.devicePhotos.mockResolvedValue([]);
  fake.jobSyncState.mockResolvedValue({ notices: [], rejected: [], pending: 0 });
}

/**
 * For a test file: one fake, fresh before every test and installed as the app's back end;
 * the Tauri implementation is back after each test.
 */
export function installFakeBackend(): Mocked<Backend> {
  const fake = fakeBackend();
  beforeEach(() => {
    resetFake(fake);
    useBackend(fake);
  });
  afterEach(() => {
    useBackend(tauriBackend);
  });
  return fake;
}
