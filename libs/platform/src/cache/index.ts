export * from './coherent-cache';
