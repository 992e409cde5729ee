// Module hooks for inkFrames.mjs: `ink` imported from anywhere but our wrapper resolves to the wrapper.
const WRAPPER = new URL('./inkWrapper.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'ink' && context.parentURL !== WRAPPER) return { url: WRAPPER, shortCircuit: true };
  return next(specifier, context);
}
