import type { ReactNode } from 'react';

/** A DSFR table in its scrolling container (wide tables scroll in their own box, never the page). */
export function Table(props: {
  caption: string;
  head: string[];
  testId?: string;
  /** The DSFR table classes (caption shown on top by default). */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={props.className ?? 'fr-table fr-table--no-caption-top'}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0}>
          <div className="fr-table__content">
            <table data-testid={props.testId}>
              <caption>{props.caption}</caption>
              <thead>
                <tr>
                  {props.head.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{props.children}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
