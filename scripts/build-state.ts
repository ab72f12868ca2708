// Whether the production build is older than its sources: the check itself is plain JavaScript
// (scripts/build-state.mjs), since the launchers run it before anything is compiled.
export { appBuildIsStale, buildIsStale, serverBuildIsStale } from "./build-state.mjs";
