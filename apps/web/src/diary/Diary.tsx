import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ChangePassphraseScreen } from '../account/ChangePassphraseScreen';
import { NewRecoveryCodeScreen } from '../account/NewRecoveryCodeScreen';
import { hasNotices, UnlockNoticesPanel } from '../account/UnlockNoticesPanel';
import { QuickExitButton } from '../components/QuickExitButton';
import { KeptDrafts } from '../drafts/KeptDrafts';
import { LeaveDialog } from '../drafts/LeaveDialog';
import { type LeaveGuard, LeaveGuardContext, type LeaveGuards } from '../drafts/leave-guard';
import { DraftsContext, useDraftsSource } from '../drafts/use-drafts';
import { AuditLogScreen } from '../evidence/AuditLogScreen';
import { EvidenceScreen } from '../evidence/EvidenceScreen';
import { IntakeContext, useIntakeSource } from '../evidence/use-intake';
import { ViewerScreen } from '../evidence/ViewerScreen';
import { ImportScreen } from '../import/ImportScreen';
import { HelpScreen } from '../insight/HelpScreen';
import { PatternScreen } from '../insight/PatternScreen';
import { patternPrefetcher } from '../insight/pattern-prefetch';
import { RiskChecklistScreen } from '../insight/RiskChecklistScreen';
import { SafetyPlanScreen } from '../insight/SafetyPlanScreen';
import { StalkingScreen } from '../insight/StalkingScreen';
import { requestPattern } from '../insight/use-pattern';
import type { Prefs } from '../lib/prefs';
import { ReportScreen } from '../report/ReportScreen';
import { SyncScreen } from '../sync/SyncScreen';
import type { UnlockNoticesView } from '../worker/protocol';
import { BackupScreen } from './BackupScreen';
import { CallsScreen } from './CallsScreen';
import { HistoryScreen } from './HistoryScreen';
import { IncidentForm } from './IncidentForm';
import { IncidentView } from './IncidentView';
import { ItemsScreen } from './ItemsScreen';
import { PeopleScreen } from './PeopleScreen';
import { PersonForm } from './PersonForm';
import { type Navigate, offersNewIncident, type Route, sectionOf } from './routes';
import { SectionsNav } from './SectionsNav';
import { SettingsScreen } from './SettingsScreen';
import { Timeline } from './Timeline';
import { DiaryContext, useDiaryDataSource } from './use-diary-data';

/** The unlocked app: top bar, sections, and the current screen. Unmounted on lock. */
export function Diary(props: {
  identityName: string;
  /** "Quick exit", or a neutral word when disguised. */
  exitLabel: string;
  prefs: Prefs;
  setPrefs(prefs: Prefs): void;
  onLock(): void;
  /** The diary hands App the way to write pending drafts before any lock. */
  setBeforeLock(flush: (() => Promise<void>) | undefined): void;
  /** What unlock found since last time; shown on the Incidents screen until dismissed. */
  notices?: UnlockNoticesView | undefined;
  onDismissNotices(): void;
  /** A new recovery code was made: it is shown on its own screen, outside the diary. */
  onNewRecoveryCode(code: string): void;
}) {
  const data = useDiaryDataSource();
  const drafts = useDraftsSource();
  const intake = useIntakeSource(data);
  const allIncidents = data.loaded.has('incident');
  const incidentList = data.lists.incident;
  // Pattern's analysis, worked out in the vault worker as soon as every incident is in (and
  // again once saves pause), so its first visit only draws. Nothing is analysed on this thread.
  const [prefetch] = useState(() => patternPrefetcher((list) => void requestPattern(list)));
  useEffect(
    () => prefetch.listChanged(allIncidents, incidentList),
    [prefetch, allIncidents, incidentList],
  );
  useEffect(() => prefetch.stop, [prefetch]);
  const [route, setRoute] = useState<Route>({ name: 'timeline' });
  const go = useCallback((next: Route) => {
    setRoute(next);
    window.scrollTo(0, 0);
  }, []);
  const current = sectionOf(route);

  // Leaving a form with changes asks first (keep writing, keep a draft, or discard it).
  const guardRef = useRef<LeaveGuard | undefined>(undefined);
  const [asking, setAsking] = useState<
    { noun: string; draftless?: true; leave(): void } | undefined
  >();
  const guards = useMemo<LeaveGuards>(
    () => ({
      register(guard) {
        guardRef.current = guard;
        return () => {
          if (guardRef.current === guard) guardRef.current = undefined;
        };
      },
      request(leave) {
        const guard = guardRef.current;
        if (guard?.dirty())
          setAsking({ noun: guard.noun, ...(guard.draftless && { draftless: true }), leave });
        else leave();
      },
    }),
    [],
  );
  const navigate = useCallback<Navigate>((next) => guards.request(() => go(next)), [guards, go]);

  const { setBeforeLock } = props;
  const { flush } = drafts;
  useEffect(() => {
    setBeforeLock(flush);
    return () => setBeforeLock(undefined);
  }, [setBeforeLock, flush]);

  let screen: React.ReactNode;
  if (data.status === 'loading' || (data.status === 'ready' && !drafts.ready)) {
    screen = <p role="status">Opening your records…</p>;
  } else if (data.status === 'failed') {
    screen = (
      <div className="alert" role="alert">
        Your records could not be opened. Lock and unlock again. If this keeps happening, restore
        from a backup.
      </div>
    );
  } else {
    switch (route.name) {
      case 'timeline':
        screen = (
          <Timeline
            navigate={navigate}
            flash={route.flash}
            notices={
              <>
                <KeptDrafts navigate={navigate} />
                {hasNotices(props.notices) ? (
                  <UnlockNoticesPanel notices={props.notices} onDismiss={props.onDismissNotices} />
                ) : null}
              </>
            }
          />
        );
        break;
      case 'incident-new':
        screen = <IncidentForm key="new" navigate={navigate} />;
        break;
      case 'incident-edit':
        screen = <IncidentForm key={route.id} id={route.id} navigate={navigate} />;
        break;
      case 'incident':
        screen = <IncidentView id={route.id} navigate={navigate} />;
        break;
      case 'history':
        screen = <HistoryScreen kind={route.kind} id={route.id} navigate={navigate} />;
        break;
      case 'people':
        screen = <PeopleScreen navigate={navigate} />;
        break;
      case 'person-new':
        screen = <PersonForm key="new" navigate={navigate} />;
        break;
      case 'person-edit':
        screen = <PersonForm key={route.id} id={route.id} navigate={navigate} />;
        break;
      case 'calls':
        screen = <CallsScreen navigate={navigate} />;
        break;
      case 'items':
        screen = <ItemsScreen navigate={navigate} />;
        break;
      case 'evidence':
        screen = <EvidenceScreen navigate={navigate} />;
        break;
      case 'import':
        screen = <ImportScreen navigate={navigate} />;
        break;
      case 'evidence-view':
        screen = (
          <ViewerScreen key={route.id} id={route.id} back={route.back} navigate={navigate} />
        );
        break;
      case 'audit':
        screen = <AuditLogScreen />;
        break;
      case 'backup':
        screen = <BackupScreen />;
        break;
      case 'report':
        screen = <ReportScreen />;
        break;
      case 'settings':
        screen = (
          <SettingsScreen prefs={props.prefs} setPrefs={props.setPrefs} navigate={navigate} />
        );
        break;
      case 'pattern':
        screen = <PatternScreen navigate={navigate} />;
        break;
      case 'stalking':
        screen = allIncidents ? <StalkingScreen navigate={navigate} /> : <LoadingOlder />;
        break;
      case 'risk':
        screen = allIncidents ? <RiskChecklistScreen navigate={navigate} /> : <LoadingOlder />;
        break;
      case 'safety-plan':
        screen = <SafetyPlanScreen />;
        break;
      case 'help':
        screen = <HelpScreen navigate={navigate} />;
        break;
      case 'sync':
        screen = <SyncScreen />;
        break;
      case 'change-passphrase':
        screen = <ChangePassphraseScreen onDone={() => navigate({ name: 'settings' })} />;
        break;
      case 'new-recovery-code':
        screen = (
          <NewRecoveryCodeScreen
            onCode={props.onNewRecoveryCode}
            onCancel={() => navigate({ name: 'settings' })}
          />
        );
        break;
    }
  }

  const newIncident = offersNewIncident(route);
  return (
    <DiaryContext.Provider value={data}>
      <DraftsContext.Provider value={drafts}>
        <LeaveGuardContext.Provider value={guards}>
          <IntakeContext.Provider value={intake}>
            <a className="skip-link" href="#main">
              Skip to content
            </a>
            <header className="topbar">
              <div className="topbar-inner">
                <span className="app-name">{props.identityName}</span>
                <button type="button" className="button on-brand" onClick={props.onLock}>
                  Lock
                </button>
                <QuickExitButton label={props.exitLabel} />
              </div>
            </header>
            <SectionsNav
              current={current}
              navigate={navigate}
              newIncident={newIncident}
              onNewIncident={() => navigate({ name: 'incident-new' })}
            />
            <main id="main" className={newIncident ? 'with-new-incident' : undefined}>
              {screen}
            </main>
            {asking ? (
              <LeaveDialog
                noun={asking.noun}
                draftless={asking.draftless}
                onStay={() => setAsking(undefined)}
                onKeep={() => {
                  const leave = asking.leave;
                  setAsking(undefined);
                  void guardRef.current?.keep();
                  leave();
                }}
                onDiscard={() => {
                  const leave = asking.leave;
                  setAsking(undefined);
                  void guardRef.current?.discard();
                  leave();
                }}
              />
            ) : null}
          </IntakeContext.Provider>
        </LeaveGuardContext.Provider>
      </DraftsContext.Provider>
    </DiaryContext.Provider>
  );
}

/** Shown by a screen that counts every incident while the older ones are still loading. */
function LoadingOlder() {
  return <p role="status">Loading older incidents…</p>;
}
