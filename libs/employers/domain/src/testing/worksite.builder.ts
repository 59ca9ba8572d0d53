import type { MexicanState } from '@frontera/shared-kernel';
import type { CoordinatesProps } from '../worksite/coordinates.value-object';
import type { NewWorksite } from '../worksite/worksite.entity';
import { nextId } from './ids';

/** Coordinates inside each state the tests use, so a worksite's point matches its state. */
export const POINTS = {
  CHP: { lat: 14.9057, lng: -92.2633 }, // Tapachula
  CAM: { lat: 19.8301, lng: -90.5349 }, // Campeche
  TAB: { lat: 17.9892, lng: -92.9475 }, // Villahermosa
  ROO: { lat: 18.5001, lng: -88.2961 }, // Chetumal
  VER: { lat: 19.1738, lng: -96.1342 }, // Veracruz
  YUC: { lat: 20.9674, lng: -89.5926 }, // Mérida
} as const satisfies Partial<Record<MexicanState, CoordinatesProps>>;
const POINT_BY_STATE: Partial<Record<MexicanState, CoordinatesProps>> = POINTS;

const MUNICIPALITIES: Partial<Record<MexicanState, string>> = {
  CHP: 'Tapachula',
  CAM: 'Campeche',
  TAB: 'Centro',
  ROO: 'Othón P. Blanco',
  VER: 'Veracruz',
  YUC: 'Mérida',
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class WorksiteBuilder {
  private props: Mutable<Omit<NewWorksite, 'state'>> & { state: MexicanState | null } = {
    worksiteId: nextId('ws'),
    name: 'Finca La Esperanza',
    activity: 'coffee harvest',
    state: null,
    municipality: '',
    coordinates: { lat: 0, lng: 0 },
    capacity: 40,
    housingProvided: true,
  };
  private coordinatesSet = false;
  private municipalitySet = false;
  /** Permits to record as issued at this worksite once the employer is verified. */
  activePermits = 0;

  withId(worksiteId: string): this {
    this.props.worksiteId = worksiteId;
    return this;
  }

  named(name: string): this {
    this.props.name = name;
    return this;
  }

  growing(activity: string): this {
    this.props.activity = activity;
    return this;
  }

  inState(state: MexicanState, municipality?: string): this {
    this.props.state = state;
    if (municipality !== undefined) this.inMunicipality(municipality);
    return this;
  }

  inMunicipality(municipality: string): this {
    this.props.municipality = municipality;
    this.municipalitySet = true;
    return this;
  }

  at(lat: number, lng: number): this {
    this.props.coordinates = { lat, lng };
    this.coordinatesSet = true;
    return this;
  }

  withCapacity(capacity: number): this {
    this.props.capacity = capacity;
    return this;
  }

  withHousing(provided = true): this {
    this.props.housingProvided = provided;
    return this;
  }

  withoutHousing(): this {
    return this.withHousing(false);
  }

  /** Used by `anEmployer().withWorksite(...)`: record this many active permits here. */
  withActivePermits(count: number): this {
    this.activePermits = count;
    return this;
  }

  /** The state used when none was chosen (the employer builder passes the employer's state). */
  build(defaultState: MexicanState = 'CHP'): NewWorksite {
    const state = this.props.state ?? defaultState;
    return {
      ...this.props,
      state,
      municipality: this.municipalitySet ? this.props.municipality : (MUNICIPALITIES[state] ?? 'Municipio'),
      coordinates: this.coordinatesSet
        ? this.props.coordinates
        : (POINT_BY_STATE[state] ?? { lat: 19.4326, lng: -99.1332 }),
    };
  }
}

export const aWorksite = (): WorksiteBuilder => new WorksiteBuilder();
