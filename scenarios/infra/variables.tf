variable "region" {
  description = "AWS region for the practice target (the scenarios default to us-east-1a for the AZ outage)"
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "Tag value identifying this practice target"
  type        = string
  default     = "gameday-practice"
}

variable "web_instance_type" {
  description = "Instance type of the web group"
  type        = string
  default     = "t3.micro"
}

variable "web_min" {
  description = "Minimum size of the web group"
  type        = number
  default     = 3
}

variable "web_desired" {
  description = "Desired size of the web group (two per AZ, as in the sandbox)"
  type        = number
  default     = 6
}

variable "web_max" {
  description = "Maximum size of the web group"
  type        = number
  default     = 12
}

variable "checkout_desired" {
  description = "Desired task count of the checkout Fargate service"
  type        = number
  default     = 4
}

variable "worker_desired" {
  description = "Desired task count of the worker Fargate service"
  type        = number
  default     = 2
}

variable "reporting_desired" {
  description = "Desired task count of the reporting service on the ops cluster's EC2 hosts"
  type        = number
  default     = 4
}

variable "batch_hosts" {
  description = "Number of standalone batch hosts (tag team=data)"
  type        = number
  default     = 2
}

variable "host_instance_type" {
  description = "Instance type of the batch hosts and the ops container instances"
  type        = string
  default     = "t3.small"
}
