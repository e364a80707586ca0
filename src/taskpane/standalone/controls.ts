/**
 * The standalone page's toolbar controls, in a chunk of their own: the page's first paint is the pane's
 * frame, and the toolbar's buttons, language picker and theme switch arrive with the rest a moment later.
 */
export { Button, Select, Switch } from '@fluentui/react-components';
