import { Badge } from '@fluentui/react-components';
import type { Status } from '../../core/model';
import { useText } from '../i18n';

const COLOR = { GREEN: 'success', AMBER: 'warning', RED: 'danger' } as const;

/** A status light with its word, so the colour is never the only signal. */
export function StatusBadge({ status }: { status: Status | '' }) {
  const { t } = useText();
  if (status === '') {
    return (
      <Badge appearance="outline" color="informative" shape="rounded">
        {t('status.none')}
      </Badge>
    );
  }
  return (
    <Badge appearance="filled" color={COLOR[status]} shape="rounded" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
