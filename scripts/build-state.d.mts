export declare const APP_SOURCES: string[];
export declare const SERVER_SOURCES: string[];
export declare function appBuildIsStale(root: string): boolean;
export declare function serverBuildIsStale(root: string): boolean;
export declare function buildIsStale(root: string): boolean;
