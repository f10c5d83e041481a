import type { TamperAlarm } from '../catalog/audit-witness-store';
import type { TamperAlarmView } from '../contract/audit-views';
import type { StrongroomApp } from './strongroom-app';

/** The open alarms as the window shows them: the finding's sentence, never more than the store holds. */
export function openTamperAlarms(app: StrongroomApp): TamperAlarmView[] {
  return app.sticks.witness.open().map(tamperAlarmView);
}

/**
 * The signed-in custodian acknowledges an alarm (window and CLI alike): the reason is recorded on the audit trail,
 * under the medium the alarm names, before the alarm is closed; a reason too short closes nothing.
 */
export function acknowledgeTamperAlarm(app: StrongroomApp, alarmId: string, reason: string): TamperAlarm {
  const custodian = app.session.requireCustodian();
  const subject = app.sticks.witness.open().find((alarm) => alarm.alarmId === alarmId)?.subject ?? alarmId;
  return app.sticks.witness.acknowledge(alarmId, custodian, reason, (details) => app.session.record({ action: 'audit.tamper-alarm-acknowledged', subject, details }));
}

export function tamperAlarmView(alarm: TamperAlarm): TamperAlarmView {
  return {
    alarmId: alarm.alarmId,
    raisedAt: alarm.raisedAt,
    subject: alarm.subject,
    kind: alarm.kind,
    sentence: alarm.sentence,
    acknowledgedBy: alarm.acknowledgedBy,
    acknowledgedAt: alarm.acknowledgedAt,
  };
}
