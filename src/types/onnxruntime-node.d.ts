// The published onnxruntime-node 1.20.1 ships no type declarations; its API is onnxruntime-common's.
declare module 'onnxruntime-node' {
  export * from 'onnxruntime-common';
  import * as common from 'onnxruntime-common';
  export default common;
}
