/** What a route disclosed of one case: declared by its controller for the read audit (ACL-06). */
export interface CaseDisclosure {
  readonly caseId: string;
  readonly departement?: string;
  /** The field paths shown; undefined when the route did not say (a `:caseId` route that declares nothing). */
  readonly fields?: readonly string[];
}

/** Lets a controller declare what it disclosed: `disclosures.add({ caseId, departement, fields })`. */
export interface CaseDisclosures {
  add(disclosure: CaseDisclosure): void;
}

const DECLARED = new WeakMap<object, CaseDisclosure[]>();

/** The disclosures a controller declared on this request (the read audit reads them). */
export function declaredDisclosures(request: object): readonly CaseDisclosure[] | undefined {
  return DECLARED.get(request);
}

/** The request's disclosure log, as the `@Disclosures()` parameter hands it to a controller. */
export function disclosureLog(request: object): CaseDisclosures {
  return {
    add: (disclosure) => {
      const list = DECLARED.get(request) ?? [];
      list.push(disclosure);
      DECLARED.set(request, list);
    },
  };
}
