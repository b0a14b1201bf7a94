/** VERSION is the product version the CLI and API report. */
export const VERSION = '0.1.0';
