import { useState } from 'react';
import type { PreparedDocumentView } from '../../../src-main/contract/print-views';
import { EmergencySheetForm } from './EmergencySheetForm';
import { MediumLabelsForm } from './MediumLabelsForm';
import { SeedBackupForm } from './SeedBackupForm';
import type { Paper, PrepareCommon, PreparedKind } from './PrepareShell';

/** Chooses the document; each kind has its own form, and the paper size and organisation line carry over. */
export function PrepareForm({ onPrepared }: { readonly onPrepared: (view: PreparedDocumentView) => void }) {
  const [kind, setKind] = useState<PreparedKind>('emergency-sheet-vault');
  const [paper, setPaper] = useState<Paper>('A4');
  const [organisation, setOrganisation] = useState('');
  const common: PrepareCommon = { kind, onKind: setKind, paper, onPaper: setPaper, organisation, onOrganisation: setOrganisation, onPrepared };
  switch (kind) {
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
