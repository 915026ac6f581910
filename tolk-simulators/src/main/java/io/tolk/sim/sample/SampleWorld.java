package io.tolk.sim.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic "world" of Norwegian-looking organisations and people, split between the two systems.
 * Same input, same world.
 * <p>Shares of {@code records}: about 50% companies, 40% persons, 10% departments; presence about 40% BOTH,
 * 30% PowerOffice only, 30% Zoho only (departments: 40% BOTH, the rest PowerOffice only).</p>
 * <p>Deliberate ambiguities (when the world has at least 20 records): two companies with the same name after
 * trimming and case folding; a department named exactly like a company; two persons sharing an e-mail address;
 * and, through {@link SampleCompany#zohoCopy()} / {@link SamplePerson#zohoCopy()}, a few BOTH records whose Zoho
 * copy differs slightly.</p>
 */
public record SampleWorld(List<SampleCompany> companies, List<SampleDepartment> departments, List<SamplePerson> persons) {
  /** The one seed both simulators generate their {@code --records} sample from, so their halves describe one world. */
  public static final long SEED = 42L;

  /**
   * The seed of tenant {@code tenantNumber}'s sample world: {@link #SEED} for tenant 1 (the default), another fixed
   * seed for each later number. Both simulators use it, so PowerOffice tenant n and Zoho tenant n describe one world.
   */
  public static long tenantSeed(int tenantNumber) {
    if (tenantNumber < 1) {
      throw new IllegalArgumentException("tenants are numbered from 1, was " + tenantNumber);
    }
    return SEED + 1_000_003L * (tenantNumber - 1);
  }

  public SampleWorld {
    companies = List.copyOf(companies);
    departments = List.copyOf(departments);
    persons = List.copyOf(persons);
  }

  /** About {@code records} records in all over both systems (exactly, in fact: companies + departments + persons). */
  public static SampleWorld generate(int records, long seed) {
    if (records < 0) {
      throw new IllegalArgumentException("sample size must not be negative, was " + records);
    }
    Random rnd = new Random(seed);
    int departmentCount = records / 10;
    int personCount = records * 4 / 10;
    int companyCount = records - departmentCount - personCount;

    List<SampleCompany> companies = new ArrayList<>(companyCount);
    Set<String> names = new HashSet<>();
    Set<String> domains = new HashSet<>();
    long orgBase = 91_000_000L + rnd.nextInt(1_000_000);
    for (int i = 0; i < companyCount; i++) {
      String name = companyName(rnd, names);
      String slug = slug(name);
      String domain = slug;
      for (int k = 2; !domains.add(domain); k++) {
        domain = slug + k;
      }
      String org;
      do {
        org = orgNumber(orgBase++);
      } while (org == null);
      companies.add(new SampleCompany(name, org, phone(rnd, '2'), "www." + domain + ".no", "post@" + domain + ".no",
          address(rnd), presence(rnd)));
    }
    if (companyCount >= 10) {
      // two companies with the same name after trimming and case folding
      SampleCompany a = companies.get(3);
      SampleCompany b = companies.get(7);
      companies.set(7, new SampleCompany(" " + a.name().toUpperCase(Locale.ROOT) + " ", b.organizationNumber(), b.phone(),
          b.website(), b.email(), b.address(), b.presence()));
    }

    List<SampleDepartment> departments = new ArrayList<>(departmentCount);
    Set<String> depNames = new HashSet<>();
    for (int i = 0; i < departmentCount; i++) {
      String name;
      if (i == 1 && companyCount > 0) {
        name = companies.get(0).name(); // a department named exactly like a company
      } else {
        name = DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)] + " " + CITIES[rnd.nextInt(CITIES.length)][0];
        String base = name;
        for (int k = 2; !depNames.add(name); k++) {
          name = base + " " + k;
        }
      }
      departments.add(new SampleDepartment(String.valueOf((i + 1) * 10), name,
          rnd.nextInt(10) < 4 ? Presence.BOTH : Presence.POWEROFFICE_ONLY));
    }

    List<SamplePerson> persons = new ArrayList<>(personCount);
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < personCount; i++) {
      String first = FIRST[rnd.nextInt(FIRST.length)];
      String last = LAST[rnd.nextInt(LAST.length)];
      String local = ascii(first) + "." + ascii(last);
      String domain = MAIL_DOMAINS[rnd.nextInt(MAIL_DOMAINS.length)];
      String email = local + "@" + domain;
      for (int k = 2; !emails.add(email); k++) {
        email = local + k + "@" + domain;
      }
      persons.add(new SamplePerson(first, last, email, phone(rnd, rnd.nextBoolean() ? '4' : '9'), address(rnd),
          presence(rnd)));
    }
    if (personCount >= 6) {
      // two persons sharing an e-mail address
      SamplePerson a = persons.get(2);
      SamplePerson b = persons.get(5);
      persons.set(5, new SamplePerson(b.firstName(), b.lastName(), a.email(), b.phone(), b.address(), b.presence()));
    }
    return new SampleWorld(companies, departments, persons);
  }

  // ------------------------------------------------------------------ helpers (package-private for the records)

  static String otherPhone(String phone) {
    if (phone == null || phone.length() < 2) {
      return phone;
    }
    char last = phone.charAt(phone.length() - 1);
    char other = last == '9' ? '0' : (char) (last + 1);
    return phone.substring(0, phone.length() - 1) + other;
  }

  static String countryName(String code) {
    return switch (code == null ? "" : code) {
      case "NO" -> "Norway";
      case "SE" -> "Sweden";
      case "DK" -> "Denmark";
      default -> code;
    };
  }

  /** A valid Norwegian organisation number from 8 base digits, or null when the check digit would be 10. */
  static String orgNumber(long base8) {
    String b = String.valueOf(base8);
    int[] w = {3, 2, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (b.charAt(i) - '0') * w[i];
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check == 10 ? null : b + check;
  }

  private static Presence presence(Random rnd) {
    int r = rnd.nextInt(10);
    return r < 4 ? Presence.BOTH : r < 7 ? Presence.POWEROFFICE_ONLY : Presence.ZOHO_ONLY;
  }

  private static String companyName(Random rnd, Set<String> taken) {
    String stem = PREFIX[rnd.nextInt(PREFIX.length)] + SUFFIX[rnd.nextInt(SUFFIX.length)];
    String form = FORMS[rnd.nextInt(FORMS.length)];
    String name = stem + " " + form;
    if (!taken.add(name.toLowerCase(Locale.ROOT))) {
      name = stem + " " + CITIES[rnd.nextInt(CITIES.length)][0] + " " + form;
      String base = stem + " " + CITIES[rnd.nextInt(CITIES.length)][0];
      for (int k = 2; !taken.add(name.toLowerCase(Locale.ROOT)); k++) {
        name = base + " " + k + " " + form;
      }
    }
    return name;
  }

  private static String phone(Random rnd, char first) {
    return "+47" + first + String.format(Locale.ROOT, "%07d", rnd.nextInt(10_000_000));
  }

  private static SampleAddress address(Random rnd) {
    String[] city = CITIES[rnd.nextInt(CITIES.length)];
    String street = STREETS[rnd.nextInt(STREETS.length)] + " " + (1 + rnd.nextInt(120));
    int r = rnd.nextInt(50);
    if (r == 0) {
      return new SampleAddress(street.replace("gata", "gatan"), "Göteborg", "411 05", "SE");
    }
    if (r == 1) {
      return new SampleAddress(street, "København", "1050", "DK");
    }
    return new SampleAddress(street, city[0], city[1], "NO");
  }

  static String slug(String name) {
    String s = ascii(name.toLowerCase(Locale.ROOT))
        .replaceAll("\\b(as|asa|ans|da|sa|holding)\\b", "")
        .replaceAll("[^a-z0-9]+", "");
    return s.isEmpty() ? "firma" : s;
  }

  private static String ascii(String s) {
    return s.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "o").replace("å", "a").replace("ö", "o")
        .replace("é", "e").replace(" ", "");
  }

  private static final String[] PREFIX = {"Fjord", "Nord", "Vest", "Sør", "Øst", "Berg", "Tind", "Elv", "Skog", "Havn",
      "Vik", "Dal", "Lien", "Bakke", "Sjø", "Fjell", "Stein", "Lyng", "Bjørk", "Furu", "Gran", "Ask", "Eik", "Nes",
      "Strand", "Holm", "Øy", "Kyst", "Brygge", "Sol", "Polar", "Midnatt", "Vind", "Bølge", "Is", "Aurora", "Trøndel",
      "Viking", "Norrøn", "Lofot"};
  private static final String[] SUFFIX = {"bygg", "data", "regnskap", "transport", "fisk", "energi", "handel", "service",
      "consult", "elektro", "rør", "maling", "tre", "tak", "mat", "bakeri", "sjømat", "reiser", "media", "design",
      "eiendom", "invest", "verksted", "maskin", "frakt", "marin", "kraft", "helse", "tannlege", "advokat"};
  private static final String[] FORMS = {"AS", "AS", "AS", "AS", "ASA", "ANS", "DA", "Holding AS"};
  private static final String[][] CITIES = {{"Oslo", "0150"}, {"Bergen", "5003"}, {"Trondheim", "7010"},
      {"Stavanger", "4006"}, {"Tromsø", "9008"}, {"Kristiansand", "4610"}, {"Drammen", "3015"}, {"Fredrikstad", "1606"},
      {"Bodø", "8006"}, {"Ålesund", "6002"}, {"Tønsberg", "3110"}, {"Hamar", "2317"}, {"Lillehammer", "2609"},
      {"Molde", "6413"}, {"Harstad", "9405"}, {"Arendal", "4836"}, {"Sandnes", "4306"}, {"Haugesund", "5527"},
      {"Gjøvik", "2815"}, {"Narvik", "8514"}, {"Alta", "9510"}, {"Hønefoss", "3510"}, {"Larvik", "3256"},
      {"Skien", "3724"}, {"Moss", "1530"}, {"Halden", "1771"}, {"Kongsberg", "3611"}, {"Steinkjer", "7713"},
      {"Førde", "6800"}, {"Kirkenes", "9900"}};
  private static final String[] STREETS = {"Storgata", "Kirkegata", "Strandveien", "Skolegata", "Torggata",
      "Jernbanegata", "Havnegata", "Parkveien", "Fjordveien", "Industriveien", "Bryggen", "Sjøgata", "Kongens gate",
      "Dronningens gate", "Nedre Slottsgate", "Bakkegata", "Elvegata", "Løkkeveien", "Solbakken", "Granveien"};
  private static final String[] DEPARTMENTS = {"Salg", "Administrasjon", "Lager", "Økonomi", "Drift", "Service",
      "Prosjekt", "Innkjøp", "Produksjon", "Marked", "Kundeservice", "IT", "HR", "Logistikk", "Verksted"};
  private static final String[] FIRST = {"Ole", "Kari", "Per", "Ingrid", "Lars", "Anne", "Jon", "Marit", "Knut",
      "Sigrid", "Eirik", "Solveig", "Henrik", "Nora", "Magnus", "Emma", "Sander", "Ida", "Jonas", "Sara", "Håkon",
      "Astrid", "Øystein", "Tone", "Bjørn", "Liv", "Trond", "Hilde", "Geir", "Randi", "Espen", "Silje", "Vegard",
      "Maja", "Aksel", "Thea", "Fredrik", "Julie", "Kristian", "Hanne"};
  private static final String[] LAST = {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
      "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen",
      "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen",
      "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen",
      "Bakken", "Kristoffersen", "Mathisen", "Lie", "Nordmann", "Bråten", "Aasen", "Ødegård", "Fjeld"};
  private static final String[] MAIL_DOMAINS = {"online.no", "epost.no", "gmail.com", "hotmail.com", "outlook.com",
      "live.no", "icloud.com"};
}
