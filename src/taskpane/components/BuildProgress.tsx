import { Field, ProgressBar } from '@fluentui/react-components';
import type { BuildStage } from '../../register/build';
import { useText } from '../i18n';

export interface BuildState {
  stage: BuildStage;
  done: number;
  total: number;
}

/** The register being built, stage by stage (the Excel host writes each stage in a few round trips). */
export function BuildProgress({ state }: { state: BuildState }) {
  const { t } = useText();
  return (
    <Field
      label={t('build.progress')}
      validationMessage={t(`build.stage.${state.stage}`)}
      validationState="none"
    >
      <ProgressBar value={state.total > 0 ? state.done / state.total : undefined} thickness="large" />
    </Field>
  );
}
