import type { PreparedDocumentView } from '../../../src-main/contract/print-views';
import { EmergencySheetForm } from './EmergencySheetForm';
import { MediumLabelsForm } from './MediumLabelsForm';
import { SeedBackupForm } from './SeedBackupForm';
import type { PrepareCommon, PrintDetails } from './PrepareShell';

/** Chooses the document; each kind has its own form. The details typed (no secret) live with the Print screen. */
export function PrepareForm({
  details,
  onDetails,
  onPrepared,
}: {
  readonly details: PrintDetails;
  readonly onDetails: (change: (details: PrintDetails) => PrintDetails) => void;
  readonly onPrepared: (view: PreparedDocumentView) => void;
}) {
  const common: PrepareCommon = {
    kind: details.kind,
    onKind: (kind) => onDetails((d) => ({ ...d, kind })),
    paper: details.paper,
    onPaper: (paper) => onDetails((d) => ({ ...d, paper })),
    organisation: details.organisation,
    onOrganisation: (organisation) => onDetails((d) => ({ ...d, organisation })),
    sheet: details.sheet,
    onSheet: (sheet) => onDetails((d) => ({ ...d, sheet })),
    onPrepared,
  };
  switch (details.kind) {
    case 'emergency-sheet-vault':
      return <EmergencySheetForm key="sheet" common={common} role="vault" />;
    case 'emergency-sheet-seed':
      return <EmergencySheetForm key="sheet" common={common} role="seed" />;
    case 'seed-backup':
      return <SeedBackupForm common={common} />;
    case 'medium-labels':
      return <MediumLabelsForm common={common} />;
  }
}
