// The parts of pdfmake 0.3's browser build (which also runs in Node) that the renderer uses.
declare module 'pdfmake/build/pdfmake.js' {
  interface OutputDocument {
    getBuffer(): Promise<Uint8Array>;
  }
  interface PdfMake {
    virtualfs: {
      writeFileSync(name: string, content: Uint8Array | ArrayBuffer): void;
      storage: Record<string, unknown>;
    };
    setFonts(
      fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>,
    ): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy?(policy: (path: string) => boolean): void;
    createPdf(doc: object): OutputDocument;
  }
  const pdfMake: PdfMake;
  export default pdfMake;
}
