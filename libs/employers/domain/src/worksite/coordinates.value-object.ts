import { EmployerErrors } from '../errors/employer-errors';

/**
 * Mexico's bounding box, roughly: 14.5°N (Suchiate, Chiapas) to 32.7°N (Baja California),
 * 118.4°W (Isla Guadalupe) to 86.7°W (Quintana Roo). A cheap plausibility check that catches
 * swapped latitude/longitude and a missing minus sign; it does not prove the point is inside
 * the declared state.
 */
export const MEXICO_BOUNDS = Object.freeze({ minLat: 14.5, maxLat: 32.7, minLng: -118.4, maxLng: -86.7 });

export interface CoordinatesProps {
  /** Decimal degrees, WGS 84. */
  readonly lat: number;
  readonly lng: number;
}

const INVALID = EmployerErrors.WORKSITE_INVALID_COORDINATES;

function check(value: unknown, field: 'lat' | 'lng', min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw INVALID.create({ field, constraint: 'NOT_A_NUMBER' });
  }
  if (value < min || value > max) throw INVALID.create({ field, constraint: 'OUT_OF_RANGE', min, max });
  return value;
}

export class Coordinates {
  private constructor(
    readonly lat: number,
    readonly lng: number,
  ) {}

  static create(props: CoordinatesProps): Coordinates {
    if (!props || typeof props !== 'object') {
      throw INVALID.create({ field: 'coordinates', constraint: 'REQUIRED' });
    }
    return new Coordinates(
      check(props.lat, 'lat', MEXICO_BOUNDS.minLat, MEXICO_BOUNDS.maxLat),
      check(props.lng, 'lng', MEXICO_BOUNDS.minLng, MEXICO_BOUNDS.maxLng),
    );
  }

  equals(other: Coordinates): boolean {
    return this.lat === other.lat && this.lng === other.lng;
  }

  toProps(): CoordinatesProps {
    return { lat: this.lat, lng: this.lng };
  }
}
