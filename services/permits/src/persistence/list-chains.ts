import { positionFields, type ListPositions } from '@frontera/platform-store';
import { EMPLOYER_LIST, employerChain, STATE_LIST, stateChain } from './permits.schemas';

/**
 * The list fields of a batch of new documents listed in their employer's and their state's chains
 * (applications, permits): the positions of each chain taken in one round trip (INCRBY), in the
 * batch's order. Positions of documents a unique index then refuses stay unused.
 */
export async function batchListFields(
  positions: ListPositions,
  items: readonly { readonly employerId: string; readonly state: string }[],
): Promise<Record<string, unknown>[]> {
  const chains = new Map<string, number[]>();
  const add = (chain: string, index: number) => chains.set(chain, [...(chains.get(chain) ?? []), index]);
  items.forEach((item, index) => {
    add(employerChain(item.employerId), index);
    add(stateChain(item.state), index);
  });
  const extra = items.map(() => ({}) as Record<string, unknown>);
  await Promise.all(
    [...chains].map(async ([chain, indexes]) => {
      const taken = await positions.nextMany(chain, indexes.length);
      const fields = chain.startsWith('employer:') ? EMPLOYER_LIST : STATE_LIST;
      indexes.forEach((index, i) => Object.assign(extra[index], positionFields(taken[i], fields)));
    }),
  );
  return extra;
}
