import {
  makeStyles,
  Spinner,
  Text,
  tokens,
  Tree,
  TreeItem,
  TreeItemLayout,
  type TreeItemValue,
  type TreeOpenChangeData,
} from '@fluentui/react-components';
import { useState } from 'react';
import { enumLabel } from '../../core/fields';
import type { CascadeNode, TaskpaneActions } from '../../app/types';
import { ErrorBar } from '../components/ErrorBar';
import { StatusBadge } from '../components/StatusBadge';
import { formatPercent, useText } from '../i18n';
import { useAction, useAsync } from '../useAsync';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  node: { display: 'flex', flexDirection: 'column', paddingBlock: tokens.spacingVerticalXXS },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground3 },
});

function allIds(nodes: readonly CascadeNode[], into: string[] = []): string[] {
  for (const node of nodes) {
    if (node.children.length > 0) into.push(node.kpi.id);
    allIds(node.children, into);
  }
  return into;
}

/**
 * The company → department → individual tree with status lights and roll-up scores. Choosing a node
 * (click or Enter) selects its row in the sheet; the expand icon and the arrow keys open and close.
 */
export function CascadeScreen({ actions }: { actions: TaskpaneActions }) {
  const { t, lang } = useText();
  const styles = useStyles();
  const tree = useAsync(() => actions.cascadeTree(), [actions]);
  const [closed, setClosed] = useState<Set<TreeItemValue>>(new Set());
  const goTo = useAction((id: string) => actions.goTo(id));
  const open = tree.data ? allIds(tree.data).filter((id) => !closed.has(id)) : [];

  const onOpenChange = (_: unknown, data: TreeOpenChangeData) => {
    if (data.type === 'Click' || data.type === 'Enter') {
      void goTo.run(String(data.value));
      return;
    }
    setClosed((current) => {
      const next = new Set(current);
      if (data.open) next.delete(data.value);
      else next.add(data.value);
      return next;
    });
  };

  const render = (node: CascadeNode) => (
    <TreeItem
      key={node.kpi.id}
      value={node.kpi.id}
      itemType={node.children.length > 0 ? 'branch' : 'leaf'}
      onClick={node.children.length === 0 ? () => void goTo.run(node.kpi.id) : undefined}
      onKeyDown={(event) => {
        if (node.children.length === 0 && event.key === 'Enter') void goTo.run(node.kpi.id);
      }}
    >
      <TreeItemLayout>
        <span className={styles.node} data-kpi={node.kpi.id}>
          <span className={styles.line}>
            <StatusBadge status={node.status} />
            <Text>{node.kpi.name}</Text>
          </span>
          <Text size={200} className={styles.meta}>
            {[
              node.score === ''
                ? t('cascade.noScore')
                : t('cascade.score', { score: formatPercent(node.score, lang) }),
              node.rollup === '' ? '' : t('cascade.rollup', { score: formatPercent(node.rollup, lang) }),
              node.kpi.owner,
              enumLabel('level', node.kpi.level, lang),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </span>
      </TreeItemLayout>
      {node.children.length > 0 && <Tree>{node.children.map(render)}</Tree>}
    </TreeItem>
  );

  return (
    <section className={styles.stack} aria-labelledby="cascade-title">
      <h2 id="cascade-title">{t('cascade.title')}</h2>
      <Text>{t('cascade.hint')}</Text>
      <ErrorBar error={tree.error ?? goTo.error} />
      {tree.loading && !tree.data && <Spinner size="small" label={t('common.loading')} />}
      {tree.data && tree.data.length === 0 && <Text>{t('cascade.empty')}</Text>}
      {tree.data && tree.data.length > 0 && (
        <Tree aria-label={t('cascade.title')} openItems={open} onOpenChange={onOpenChange}>
          {tree.data.map(render)}
        </Tree>
      )}
    </section>
  );
}
