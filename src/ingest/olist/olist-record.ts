/** OlistRow is one CSV data row of the Olist data set: header → cell text. */
export type OlistRow = Readonly<Record<string, string>>;

/**
 * OlistRecord is one order of the Olist data set joined with its parts: the
 * row of olist_orders_dataset.csv, its customer row, and its item rows, each
 * item extended with its product's `product_category_name`,
 * `product_category_name_english` and `product_weight_g` and its seller's
 * `seller_state` (absent where the product or seller is unknown). Field
 * errors name these parts: `order.order_purchase_timestamp`, `items[0].price`.
 */
export interface OlistRecord {
  /** The 1-based data row of olist_orders_dataset.csv: the record number of its errors. */
  readonly row: number;
  readonly order: OlistRow;
  readonly customer?: OlistRow;
  readonly items: readonly OlistRow[];
}

/** OLIST_FILES names the data set's CSV files this adapter joins. */
export const OLIST_FILES = {
  orders: 'olist_orders_dataset.csv',
  items: 'olist_order_items_dataset.csv',
  customers: 'olist_customers_dataset.csv',
  products: 'olist_products_dataset.csv',
  sellers: 'olist_sellers_dataset.csv',
  categories: 'product_category_name_translation.csv',
} as const;

/** OLIST_STATUSES are the data set's `order_status` values. */
export const OLIST_STATUSES = ['created', 'approved', 'invoiced', 'processing', 'shipped', 'delivered', 'canceled', 'unavailable'] as const;
