import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useText } from '../i18n';

/** A failed action, in words, instead of a silent console error. */
export function ErrorBar({ error }: { error: unknown }) {
  const { t } = useText();
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('error.title')}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}
