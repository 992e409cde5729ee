// Tests that write through client-node's typed clients (as another user racing kdash would) send
// their patches as JSON merge patches, like kdash's own object client does by default.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

export const mergePatch = () => setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
