/**
 * The geography of a demo municipality: its settlements (with their share of families), the street directory,
 * where schools and kindergartens stand, the nearest college, and the letters of birth certificates issued in
 * its region. Street names are the ordinary names of Russian towns; they are places, not people.
 */
import type { RegulationProfile } from '../../shared/profiles/types';

export interface Locality {
  /** As written in addresses: «пгт Свободный», «г. Кстово», «с. Работки». */
  name: string;
  /** Share of the municipality's families (relative weight). */
  weight: number;
  /** Share of families living in flats (the rest in houses without a flat number). */
  flats: number;
  /** Highest house number. */
  houses: number;
  /** Has its own school and kindergarten. */
  hasSchool: boolean;
  /** Adjective for the names of its school and kindergarten («Работкинская СОШ»); the town itself numbers them. */
  adjective: string | null;
  streets: string[];
}

export interface Place {
  region: string;
  localities: Locality[];
  /** Where teenagers go after the 9th grade. */
  college: { fullName: string; shortName: string; address: string };
  /** The two letters of birth certificates issued by the region's registry offices (series «II-АИ»). */
  certLetters: string;
}

const ul = (...names: string[]) => names.map((n) => `ул. ${n}`);
const per = (...names: string[]) => names.map((n) => `пер. ${n}`);

const ZATO: Place = {
  region: 'Свердловская обл.',
  certLetters: 'АИ',
  college: {
    fullName: 'Государственное автономное профессиональное образовательное учреждение Свердловской области «Верхнесалдинский авиаметаллургический колледж имени А.А. Евстигнеева»',
    shortName: 'ГАПОУ СО «ВСАМК»',
    address: 'Свердловская обл., г. Верхняя Салда, ул. Энгельса, д. 30',
  },
  localities: [
    {
      name: 'пгт Свободный',
      weight: 1,
      flats: 0.85,
      houses: 70,
      hasSchool: true,
      adjective: null,
      streets: [
        ...ul('Ленина', 'Свободы', 'Карбышева', 'Майского', 'Неделина', 'Гагарина', 'Королёва', 'Космонавтов', 'Мира', 'Победы',
          'Молодёжная', 'Юбилейная', 'Школьная', 'Садовая', 'Лесная', 'Кедровая', 'Сосновая', 'Берёзовая', 'Рябиновая', 'Зелёная',
          'Солнечная', 'Уральская', 'Октябрьская', 'Северная', 'Южная', 'Спортивная', 'Парковая', 'Строителей', 'Офицерская',
          'Ракетчиков', 'Дачная', 'Полевая', 'Набережная', '50 лет Победы', 'Маршала Жукова'),
        ...per('Школьный', 'Лесной', 'Садовый', 'Зелёный', 'Тихий', 'Кедровый'),
      ],
    },
  ],
};

const KSTOVO: Place = {
  region: 'Нижегородская обл.',
  certLetters: 'ТН',
  college: {
    fullName: 'Государственное бюджетное профессиональное образовательное учреждение «Кстовский нефтяной техникум имени Бориса Корнилова»',
    shortName: 'ГБПОУ «КНТ»',
    address: 'Нижегородская обл., г. Кстово, ул. Ступишина, д. 1',
  },
  localities: [
    {
      name: 'г. Кстово',
      weight: 66,
      flats: 0.8,
      houses: 60,
      hasSchool: true,
      adjective: null,
      streets: [
        ...ul('Ленина', 'Свободы', 'Карбышева', 'Советская', 'Школьная', 'Садовая', 'Парковая', 'Театральная', 'Зелёная',
          'Береговая', 'Магистральная', 'Нефтепереработчиков', 'Островского', 'Пушкина', 'Горького', 'Гагарина', 'Жуковского',
          'Чванова', 'Шохина', 'Ступишина', 'Талалушкина', 'Мира', 'Победы', '40 лет Октября', '5-й микрорайон', 'Молодёжная',
          'Комсомольская', 'Пионерская', 'Октябрьская', 'Первомайская', 'Заводская', 'Химиков', 'Строителей', 'Энергетиков',
          'Юбилейная', 'Нефтяников', 'Сутырина', 'Цветочная', 'Полевая', 'Луговая', 'Лесная', 'Восточная', 'Западная', 'Северная',
          'Южная', 'Спортивная', 'Рабочая', 'Почтовая', 'Набережная', 'Новая', 'Солнечная', 'Дружбы', 'Маяковского', 'Чкалова',
          'Чапаева', 'Кирова', 'Лермонтова', 'Тургенева', 'Некрасова', 'Чехова', 'Есенина', 'Менделеева', 'Ломоносова',
          'Циолковского', 'Вишнёвая', 'Сиреневая', 'Рябиновая', 'Берёзовая'),
        'пр-т Капитана Рачкова', 'б-р Мира', 'пл. Ленина',
        ...per('Школьный', 'Садовый', 'Парковый', 'Зелёный', 'Спортивный', 'Дачный'),
      ],
    },
    village('рп Кудьма', 5, 'Кудьминская', ['Заводская', 'Школьная', 'Советская', 'Молодёжная', 'Лесная', 'Садовая', 'Набережная'], ['Почтовый'], 0.4),
    village('с. Большая Ельня', 4, 'Большеельнинская', ['Центральная', 'Школьная', 'Новая', 'Садовая', 'Луговая', 'Полевая'], ['Овражный']),
    village('д. Афонино', 4, 'Афонинская', ['Центральная', 'Школьная', 'Дорожная', 'Весенняя', 'Молодёжная', 'Лесная'], []),
    village('с. Безводное', 3, 'Безводнинская', ['Советская', 'Школьная', 'Набережная', 'Волжская', 'Садовая'], ['Волжский']),
    village('д. Ближнеконстантиново', 3, 'Ближнеконстантиновская', ['Центральная', 'Школьная', 'Новая', 'Садовая', 'Полевая'], []),
    village('с. Работки', 3, 'Работкинская', ['Советская', 'Школьная', 'Набережная', 'Волжская', 'Больничная', 'Садовая'], ['Речной']),
    village('с. Федяково', 2, 'Федяковская', ['Центральная', 'Школьная', 'Садовая', 'Луговая'], []),
    village('с. Чернуха', 2, 'Чернухинская', ['Советская', 'Школьная', 'Лесная', 'Полевая'], []),
    village('с. Шелокша', 2, 'Шелокшанская', ['Центральная', 'Школьная', 'Речная', 'Луговая'], []),
    village('с. Прокошево', 2, 'Прокошевская', ['Центральная', 'Школьная', 'Садовая'], []),
    village('п. Селекционной станции', 2, null, ['Центральная', 'Новая', 'Садовая'], []),
    village('с. Запрудное', 1, null, ['Центральная', 'Речная', 'Полевая'], []),
    village('д. Опалиха', 1, null, ['Центральная', 'Лесная'], []),
  ],
};

function village(name: string, weight: number, adjective: string | null, streets: string[], lanes: string[], flats = 0.1): Locality {
  return { name, weight, flats, houses: 90, hasSchool: adjective !== null, adjective, streets: [...ul(...streets), ...per(...lanes)] };
}

/** A profile the demo does not know: one town named after the municipality, with the usual streets. */
function generic(profile: RegulationProfile): Place {
  return {
    region: '',
    certLetters: 'АБ',
    college: { fullName: 'Профессиональное образовательное учреждение (демо)', shortName: 'Колледж (демо)', address: '' },
    localities: [
      {
        name: profile.municipality,
        weight: 1,
        flats: 0.7,
        houses: 80,
        hasSchool: true,
        adjective: null,
        streets: [
          ...ul('Ленина', 'Свободы', 'Карбышева', 'Советская', 'Школьная', 'Садовая', 'Мира', 'Победы', 'Молодёжная', 'Лесная',
            'Гагарина', 'Пушкина', 'Зелёная', 'Набережная', 'Октябрьская', 'Строителей', 'Юбилейная', 'Полевая', 'Северная',
            'Южная', 'Солнечная', 'Парковая', 'Рабочая', 'Новая', 'Центральная', 'Комсомольская', 'Пионерская', 'Кирова'),
          ...per('Школьный', 'Садовый', 'Лесной'),
        ],
      },
    ],
  };
}

/**
 * «ул. Ленина» → «Ленина ул.»: the directory keeps the proper name first (as ФИАС does), so that typing «Лен»
 * finds it by prefix; addresses keep the usual spelling «ул. Ленина» in their text.
 */
export function directoryStreetName(street: string): string {
  const space = street.indexOf(' ');
  return space < 0 ? street : `${street.slice(space + 1)} ${street.slice(0, space)}`;
}

export function placeFor(profile: RegulationProfile): Place {
  if (profile.id === 'zato-svobodny') return ZATO;
  if (profile.id === 'kstovo') return KSTOVO;
  return generic(profile);
}
