import { Injectable } from '@nestjs/common';
import type { Locale } from '@ctlp/contracts';
import type { MemberStateDto } from './dto/member-state.dto.js';
import { MemberStatesRepository } from './member-states.repository.js';

@Injectable()
export class MemberStatesService {
  /** The list changes only with a seed, so each process reads it once per locale. */
  private readonly byLocale = new Map<Locale, Promise<MemberStateDto[]>>();

  constructor(private readonly memberStates: MemberStatesRepository) {}

  list(locale: Locale): Promise<MemberStateDto[]> {
    let list = this.byLocale.get(locale);
    if (!list) {
      list = this.load(locale);
      list.catch(() => this.byLocale.delete(locale));
      this.byLocale.set(locale, list);
    }
    return list;
  }

  private async load(locale: Locale): Promise<MemberStateDto[]> {
    const rows = await this.memberStates.all();
    const collator = new Intl.Collator(locale);
    return rows
      .map((row) => ({
        code: row.code,
        m49: row.m49,
        region: row.region,
        subregion: row.subregion,
        observer: row.observer,
        name: row.names[locale] ?? row.names.en,
      }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }
}
