/** The part of bpmn-moddle's API Lanemap uses (the package ships types for its model, not for its entry point). */
declare module 'bpmn-moddle' {
  /** A model element: its type ('bpmn:Task'), id, properties and children, as bpmn-moddle reads and writes them. */
  export interface ModdleElement {
    $type: string;
    id?: string;
    $parent?: ModdleElement;
    $attrs?: Record<string, string>;
    [property: string]: unknown;
  }
  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: unknown;
    error?: Error;
  }
  export interface FromXmlResult {
    rootElement: ModdleElement;
    references: { element: ModdleElement; property: string; id: string }[];
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
  }
  /** The package's entry point (an ES module with this named export only: it has no default export at run time). */
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    fromXML(xml: string, typeName?: string | Record<string, unknown>, options?: Record<string, unknown>): Promise<FromXmlResult>;
    toXML(element: ModdleElement, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
    getType(name: string): unknown;
  }
  /** @deprecated Not there at run time (`import BpmnModdle from 'bpmn-moddle'` fails): import `{ BpmnModdle }`, or call `createModdle()` of extensions.ts. */
  export default BpmnModdle;
}
